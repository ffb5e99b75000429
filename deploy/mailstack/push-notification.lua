-- Dovecot push_notification "lua" driver of the WebMail local mail stack (see dovecot.conf.in).
-- It sends nothing. It runs first in every LMTP delivery and gives the user the METADATA entry
-- without which the "ox" driver stays silent for that user:
--   /private/vendor/vendor.dovecot/http-notify = "user=<user name>"
-- so Dovecot notifies WebMail for every user, also one that was never seen before.
-- (Setting it from the mail_lua hook mail_user_created instead crashes the LMTP process in
-- 2.3.19: namespaces do not exist yet at that point.)
local KEY = "/private/vendor/vendor.dovecot/http-notify"

function dovecot_lua_notify_begin_txn(user)
  local ok, err = pcall(function()
    if user:metadata_get(KEY) == nil then
      user:metadata_set(KEY, "user=" .. user.username)
    end
  end)
  if not ok then
    dovecot.i_error("webmail push: cannot set " .. KEY .. ": " .. tostring(err))
  end
  return {}
end

-- The driver ignores a script without any event handler.
function dovecot_lua_notify_event_message_new(ctx, event)
end

function dovecot_lua_notify_end_txn(ctx)
end

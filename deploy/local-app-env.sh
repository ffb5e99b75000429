# Sourced by deploy/run.sh and deploy/cluster.sh: the settings that point a WebMail process at the local mail stack
# (after `eval "$(deploy/mailstack/mailstack.sh env)"`) and at the development identity provider.
#   local_app_env IDP_PORT   -> exports WebMail__Imap__*, __Smtp__*, __Sieve__Port, __Authentication__Oidc__*, push secret
local_app_env() {
  export WebMail__Imap__Host=127.0.0.1
  export WebMail__Imap__Port=$WEBMAIL_IMAP_PORT
  export WebMail__Imap__Security=StartTls
  export WebMail__Imap__TrustedCertificatePath=$WEBMAIL_TLS_CERT
  export WebMail__Smtp__Host=127.0.0.1
  export WebMail__Smtp__Port=$WEBMAIL_SUBMISSION_PORT
  export WebMail__Smtp__Security=StartTls
  export WebMail__Smtp__TrustedCertificatePath=$WEBMAIL_TLS_CERT
  export WebMail__Sieve__Port=$WEBMAIL_MANAGESIEVE_PORT
  export WebMail__PushNotifications__Secret=$WEBMAIL_PUSH_SECRET
  export WebMail__Authentication__Oidc__Enabled=true
  export WebMail__Authentication__Oidc__Authority="http://127.0.0.1:$1/"
  export WebMail__Authentication__Oidc__ClientId=webmail
  export WebMail__Authentication__Oidc__ClientSecret=webmail-dev-secret
  export WebMail__Authentication__Oidc__Scopes="openid profile email offline_access mail"
  export WebMail__Authentication__Oidc__RequireHttpsMetadata=false
  export WebMail__Authentication__Oidc__DisplayName="the dev identity provider"
}

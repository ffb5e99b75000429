using MailKit;
using MimeKit;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;

namespace WebMail.Mail.Signatures;

/// <summary>
/// Checks a signed message's signature: only for messages whose structure says they are signed, the message is fetched
/// (in chunks, into a temporary file, up to the verifier's size cap) and the signed part handed to the verifier.
/// </summary>
public sealed class SignatureQueries
{
    /// <summary>Bytes fetched per IMAP round trip; other commands of the user run between chunks.</summary>
    internal const int ChunkBytes = 1024 * 1024;

    private readonly MailConnection _connection;

    internal SignatureQueries(MailConnection connection) => _connection = connection;

    /// <summary>Checks <paramref name="message"/>'s signature; null when the message is not signed.</summary>
    public async Task<SignatureStatus?> CheckAsync(MessageView message, SignatureVerifier verifier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(verifier);
        if (message.Signed is not { } signed)
        {
            return null;
        }

        if (message.Size > verifier.MaxSignedMessageBytes)
        {
            return new SignatureStatus(signed.Kind, SignatureVerdict.TooLarge);
        }

        var file = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            if (!await CopyMessageAsync(message.Id, file, verifier.MaxSignedMessageBytes, cancellationToken).ConfigureAwait(false))
            {
                return new SignatureStatus(signed.Kind, SignatureVerdict.TooLarge);
            }

            file.Position = 0;
            using var parsed = await MimeMessage.LoadAsync(file, persistent: true, cancellationToken).ConfigureAwait(false);
            return Locate(parsed.Body, signed.PartId) is { } entity
                ? await verifier.VerifyAsync(entity, signed.Kind, message.From, cancellationToken).ConfigureAwait(false)
                : new SignatureStatus(signed.Kind, SignatureVerdict.Invalid, "The signed part of this message could not be found.");
        }
    }

    /// <summary>The raw message into <paramref name="destination"/>, chunk by chunk; false once it passes <paramref name="cap"/> bytes.</summary>
    private async Task<bool> CopyMessageAsync(MessageRef id, Stream destination, long cap, CancellationToken cancellationToken)
    {
        var uid = new UniqueId(id.UidValidity, id.Uid);
        for (long offset = 0; ; offset += ChunkBytes)
        {
            var chunk = await _connection.RunAsync(async (context, ct) =>
            {
                var folder = await context.OpenForAsync(id, ct).ConfigureAwait(false);
                var buffer = new MemoryStream();
                using (var stream = await folder.GetStreamAsync(uid, (int)offset, ChunkBytes, ct).ConfigureAwait(false))
                {
                    await stream.CopyToAsync(buffer, ct).ConfigureAwait(false);
                }

                buffer.Position = 0;
                return buffer;
            }, cancellationToken).ConfigureAwait(false);

            long read;
            await using (chunk.ConfigureAwait(false))
            {
                read = chunk.Length;
                await chunk.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
            }

            if (offset + read > cap)
            {
                return false;
            }

            if (read < ChunkBytes)
            {
                return true;
            }
        }
    }

    /// <summary>The entity at an IMAP part specifier ("" = the body, "1.2" = second child of the first child).</summary>
    internal static MimeEntity? Locate(MimeEntity? body, string partId)
    {
        var entity = body;
        foreach (var step in partId.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (entity is not Multipart multipart || !int.TryParse(step, out var index) || index < 1 || index > multipart.Count)
            {
                return null;
            }

            entity = multipart[index - 1];
        }

        return entity;
    }
}

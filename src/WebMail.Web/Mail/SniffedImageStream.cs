using WebMail.Web.RemoteContent;

namespace WebMail.Web.Mail;

/// <summary>Raised when an attachment's bytes are not the image its type declares.</summary>
public sealed class NotTheDeclaredImageException : Exception
{
    public NotTheDeclaredImageException()
        : base("The attachment is not the image its type says.")
    {
    }

    public NotTheDeclaredImageException(string message)
        : base(message)
    {
    }

    public NotTheDeclaredImageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Passes an image on to <paramref name="destination"/> only once its first bytes were sniffed
/// (<see cref="ImageSniffer"/>) and found to be <paramref name="declaredType"/>; until then nothing is written, so the
/// response can still be refused. <paramref name="accepted"/> runs once, just before the first byte goes out.
/// </summary>
public sealed class SniffedImageStream(Stream destination, string declaredType, Action<string> accepted) : Stream
{
    private readonly byte[] _head = new byte[ImageSniffer.HeaderLength];
    private int _headLength;
    private bool _passing;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!_passing)
        {
            var take = Math.Min(buffer.Length, _head.Length - _headLength);
            buffer[..take].CopyTo(_head.AsMemory(_headLength));
            _headLength += take;
            buffer = buffer[take..];
            if (_headLength < _head.Length)
            {
                return;
            }

            await StartAsync(cancellationToken).ConfigureAwait(false);
        }

        await destination.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Decides on an image shorter than the sniffed header, once all of it was written.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (!_passing)
        {
            await StartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        var sniffed = ImageSniffer.Sniff(_head.AsSpan(0, _headLength));
        if (sniffed is null || sniffed != AttachmentPreviews.NormalizeImageType(declaredType))
        {
            throw new NotTheDeclaredImageException();
        }

        _passing = true;
        accepted(sniffed);
        await destination.WriteAsync(_head.AsMemory(0, _headLength), cancellationToken).ConfigureAwait(false);
    }

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("Write asynchronously.");

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        _passing ? destination.FlushAsync(cancellationToken) : Task.CompletedTask;

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}

using System.IO.Compression;
using System.Security.Cryptography;
using MailKit;
using MimeKit;
using WebMail.Mail.Queries;
using WebMail.Testing;
using Xunit.Abstractions;

namespace WebMail.Mail.Tests.Queries;

/// <summary>Memory is measured process-wide: these run alone, after the parallel tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasuredCollection
{
    public const string Name = "memory measured";
}

[Collection(MemoryMeasuredCollection.Name)]
public sealed class AttachmentArchiveTests(ITestOutputHelper output)
{
    private const int LargeBytes = 100 * 1024 * 1024;

    [Fact]
    public async Task Write_ThreeAttachmentsOneOf100Megabytes_StreamedInBoundedMemoryAndReadBackExact()
    {
        var user = MailStack.NewUser("zip");
        var (largeHash, largeCrc) = await AppendAsync(user);
        await using var host = new MailTestHost();
        using var lease = host.Pool.Lease(user);
        var row = (await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 1)).Rows.Single();
        var info = await lease.Session.Messages.GetSourceInfoAsync(row.Id);
        var path = Path.Combine(Directory.CreateTempSubdirectory("webmail-zip-").FullName, "all.zip");

        long baseline, peak;
        await using (var file = File.Create(path))
        {
            var forwardOnly = new ForwardOnlyStream(file);
            baseline = forwardOnly.Peak;
            await AttachmentArchive.WriteAsync(lease.Session.Messages, row.Id, info.Attachments, forwardOnly);
            peak = forwardOnly.Peak;
            Assert.True(forwardOnly.Written > LargeBytes);
        }

        output.WriteLine($"zip of {info.Attachments.Count} attachments: live managed heap grew by {(peak - baseline) / 1024.0 / 1024.0:F1} MB at most");

        // Buffering the large attachment would hold 100 MB (137 MB encoded); streaming holds a few chunks.
        Assert.True(peak - baseline < 24 * 1024 * 1024, $"live managed memory grew by {(peak - baseline) / 1024 / 1024} MB while the zip was written");
        using var zip = ZipFile.OpenRead(path);
        Assert.Equal(["recording.mp4", "notes.txt", "notes (2).txt"], zip.Entries.Select(e => e.FullName));
        var large = zip.Entries[0];
        Assert.Equal(LargeBytes, large.Length);
        Assert.Equal(large.Length, large.CompressedLength);
        Assert.Equal(largeCrc, large.Crc32);
        await using (var entry = large.Open())
        {
            Assert.Equal(largeHash, await SHA256.HashDataAsync(entry));
        }

        Assert.True(zip.Entries[1].CompressedLength < zip.Entries[1].Length / 4);
        Assert.Equal(Notes(1), await ReadTextAsync(zip.Entries[1]));
        Assert.Equal(Notes(2), await ReadTextAsync(zip.Entries[2]));
        Assert.Equal(Crc32(System.Text.Encoding.UTF8.GetBytes(Notes(2))), zip.Entries[2].Crc32);
        File.Delete(path);
    }

    [Fact]
    public void UniqueName_RepeatedNames_NumberedWithTheExtensionKept()
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        Assert.Equal(["a.pdf", "A (2).PDF", "a (3).pdf", "b"], new[] { "a.pdf", "A.PDF", "a.pdf", "b" }.Select(n => AttachmentArchive.UniqueName(n, taken)));
    }

    private static string Notes(int n) => string.Concat(Enumerable.Range(0, 4000).Select(i => $"Note {n}: line {i} of the meeting minutes.\r\n"));

    private static async Task<string> ReadTextAsync(ZipArchiveEntry entry)
    {
        await using var stream = entry.Open();
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    /// <summary>Appends one message with a 100 MB pseudo-random video and two text files named alike; returns the video's SHA-256 and CRC-32.</summary>
    private static async Task<(byte[] Hash, uint Crc)> AppendAsync(string user)
    {
        var payload = Path.Combine(Directory.CreateTempSubdirectory("webmail-zip-src-").FullName, "recording.mp4");
        byte[] hash;
        uint crc = 0;
        await using (var file = File.Create(payload))
        using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            var random = new Random(12);
            var block = new byte[1024 * 1024];
            for (var i = 0; i < LargeBytes / block.Length; i++)
            {
                random.NextBytes(block);
                sha.AppendData(block);
                crc = Crc32(block, crc);
                await file.WriteAsync(block);
            }

            hash = sha.GetHashAndReset();
        }

        var message = new MimeMessage { Subject = "Recording and notes" };
        message.From.Add(new MailboxAddress("Sender", "sender@example.org"));
        message.To.Add(MailboxAddress.Parse(user));
        await using (var content = File.OpenRead(payload))
        {
            var builder = new BodyBuilder { TextBody = "Recording and notes attached." };
            // Streamed from the file as the message is appended, never loaded whole.
            builder.Attachments.Add(new MimePart("video", "mp4")
            {
                Content = new MimeContent(content),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = "recording.mp4",
            });
            builder.Attachments.Add("notes.txt", System.Text.Encoding.UTF8.GetBytes(Notes(1)), new ContentType("text", "plain"));
            builder.Attachments.Add("notes.txt", System.Text.Encoding.UTF8.GetBytes(Notes(2)), new ContentType("text", "plain"));
            message.Body = builder.ToMessageBody();
            using var client = await MailStack.ConnectAsync(user);
            await client.Inbox.AppendAsync(new AppendRequest(message));
            await client.DisconnectAsync(true);
        }

        File.Delete(payload);
        return (hash, crc);
    }

    private static uint Crc32(byte[] data, uint crc = 0)
    {
        crc = ~crc;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc >> 1) ^ (0xEDB88320u & (uint)-(int)(crc & 1));
            }
        }

        return ~crc;
    }

    /// <summary>
    /// A response body's shape: no seeking, no synchronous writes. Every 4 MB written it collects and samples the live
    /// managed heap, keeping the highest value.
    /// </summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        private long _nextSample;

        public long Written { get; private set; }

        public long Peak { get; private set; } = GC.GetTotalMemory(forceFullCollection: true);

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Written; set => throw new NotSupportedException(); }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken);
            Written += buffer.Length;
            if (Written >= _nextSample)
            {
                _nextSample = Written + (4 * 1024 * 1024);
                Peak = Math.Max(Peak, GC.GetTotalMemory(forceFullCollection: true));
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("synchronous write");

        public override void Flush() => throw new InvalidOperationException("synchronous flush");

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}

using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Marketplace.Bench.LoadGenerator.Load;

/// <summary>
/// A minimal keep-alive HTTP/1.1 client on one socket: writes a request, reads the status line, skips the headers and
/// the body (Content-Length or chunked) without copying them anywhere. The load generator shares the machine's cores
/// with the system under test, so it has to cost as little per request as wrk does; HttpClient costs several times more.
/// </summary>
public sealed class HttpConnection(Uri server) : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
    private readonly string _host = server.Authority;
    private readonly byte[] _send = new byte[16 * 1024];
    private readonly byte[] _receive = new byte[64 * 1024];
    private readonly CancellationTokenSource _timeout = new();
    private Socket? _socket;
    private int _start;
    private int _end;
    private int _lineStart;

    /// <summary>The response's status code; 0 when the connection failed or the answer was not HTTP.</summary>
    public async Task<int> SendAsync(BenchRequest request)
    {
        if (!_timeout.TryReset())
        {
            return 0;
        }

        _timeout.CancelAfter(RequestTimeout);
        try
        {
            var socket = _socket ??= await ConnectAsync(_timeout.Token);
            var length = request.Encode(_host, _send);
            await socket.SendAsync(_send.AsMemory(0, length), SocketFlags.None, _timeout.Token);
            var (status, keepAlive) = await ReadResponseAsync(socket, request.Method == "HEAD");
            if (!keepAlive)
            {
                Close();
            }

            return status;
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or InvalidDataException)
        {
            Close();
            return 0;
        }
    }

    public void Dispose()
    {
        Close();
        _timeout.Dispose();
    }

    private async Task<Socket> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Parse(server.Host), server.Port), cancellationToken);
        _start = _end = 0;
        return socket;
    }

    private void Close()
    {
        _socket?.Dispose();
        _socket = null;
    }

    private async Task<(int Status, bool KeepAlive)> ReadResponseAsync(Socket socket, bool headOnly)
    {
        var status = ParseStatus(Line(await ReadLineAsync(socket)));
        long contentLength = -1;
        var chunked = false;
        var keepAlive = true;
        while (await ReadLineAsync(socket) is > 0 and var headerLength)
        {
            var header = Line(headerLength);
            if (HeaderIs(header, "content-length"u8) && Utf8Parser.TryParse(Value(header), out long parsed, out _))
            {
                contentLength = parsed;
            }
            else if (HeaderIs(header, "transfer-encoding"u8))
            {
                chunked = Value(header).IndexOf("chunked"u8) >= 0;
            }
            else if (HeaderIs(header, "connection"u8))
            {
                keepAlive = Value(header).IndexOf("close"u8) < 0;
            }
        }

        if (headOnly || status is 204 or 304 || (status is >= 100 and < 200))
        {
            return (status, keepAlive);
        }

        if (chunked)
        {
            long size;
            do
            {
                var line = Line(await ReadLineAsync(socket));
                var extension = line.IndexOf((byte)';');
                if (!Utf8Parser.TryParse(extension < 0 ? line : line[..extension], out size, out _, 'x'))
                {
                    throw new InvalidDataException("Bad chunk size.");
                }

                await SkipAsync(socket, size);
                if (size > 0)
                {
                    await ReadLineAsync(socket);
                }
            }
            while (size > 0);

            while (await ReadLineAsync(socket) > 0)
            {
            }
        }
        else if (contentLength >= 0)
        {
            await SkipAsync(socket, contentLength);
        }
        else
        {
            keepAlive = false;
        }

        return (status, keepAlive);
    }

    private static int ParseStatus(ReadOnlySpan<byte> line) =>
        line.Length >= 12 && line.StartsWith("HTTP/1."u8) && Utf8Parser.TryParse(line.Slice(9, 3), out int status, out _)
            ? status
            : throw new InvalidDataException("Not an HTTP response.");

    private static bool HeaderIs(ReadOnlySpan<byte> header, ReadOnlySpan<byte> name) =>
        header.Length > name.Length && header[name.Length] == (byte)':' && Ascii.EqualsIgnoreCase(header[..name.Length], name);

    private static ReadOnlySpan<byte> Value(ReadOnlySpan<byte> header) => header[(header.IndexOf((byte)':') + 1)..].Trim((byte)' ');

    /// <summary>The length of the next line, without its CRLF; <see cref="Line"/> reads it until the next read.</summary>
    private async ValueTask<int> ReadLineAsync(Socket socket)
    {
        while (true)
        {
            var newline = _receive.AsSpan(_start, _end - _start).IndexOf("\r\n"u8);
            if (newline >= 0)
            {
                _lineStart = _start;
                _start += newline + 2;
                return newline;
            }

            await FillAsync(socket);
        }
    }

    private ReadOnlySpan<byte> Line(int length) => _receive.AsSpan(_lineStart, length);

    private async ValueTask SkipAsync(Socket socket, long count)
    {
        while (count > 0)
        {
            if (_start == _end)
            {
                await FillAsync(socket);
            }

            var take = (int)Math.Min(count, _end - _start);
            _start += take;
            count -= take;
        }
    }

    private async ValueTask FillAsync(Socket socket)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_receive, _start, _receive, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _receive.Length)
        {
            throw new InvalidDataException("A response line does not fit the buffer.");
        }

        var read = await socket.ReceiveAsync(_receive.AsMemory(_end), SocketFlags.None, _timeout.Token);
        if (read == 0)
        {
            throw new IOException("The server closed the connection.");
        }

        _end += read;
    }
}

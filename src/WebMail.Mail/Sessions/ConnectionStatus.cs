namespace WebMail.Mail.Sessions;

/// <summary>How the user's IMAP connection is doing, as the user should be told.</summary>
public enum ConnectionState
{
    /// <summary>Connected (or not needed yet); nothing to say.</summary>
    Connected,

    /// <summary>A command has been waiting for the server for a couple of seconds.</summary>
    Waiting,

    /// <summary>The connection was lost; a new one is being opened.</summary>
    Reconnecting,

    /// <summary>The server cannot be reached or does not answer; retried in the background.</summary>
    Unavailable,
}

/// <summary>The connection's state and since when it has been so (UTC). Host names and ports never appear here: they go to the log.</summary>
public sealed record ConnectionStatus(ConnectionState State, DateTimeOffset Since)
{
    public static ConnectionStatus Ok { get; } = new(ConnectionState.Connected, DateTimeOffset.MinValue);

    public bool IsProblem => State is ConnectionState.Reconnecting or ConnectionState.Unavailable;
}

namespace Edge.Worker.Hosting;

/// <summary><c>Edge:Mode</c>: what the box may run with.</summary>
public enum EdgeMode
{
    /// <summary>Development and demos: a virtual board and a plain link to a relay on the same machine are fine.</summary>
    Demo,

    /// <summary>A protected building: real GPIO, an encrypted link to the relay.</summary>
    Production,
}

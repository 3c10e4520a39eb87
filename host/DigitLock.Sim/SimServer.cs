using System.Net;
using System.Net.WebSockets;
using System.Reflection;
using System.Text;
using System.Text.Json;
using DigitLock.Core.Ui;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DigitLock.Sim;

/// <summary>
/// The simulator's web side, on 127.0.0.1 only: the page, a WebSocket carrying RGB565 frames and
/// board state to it and pointer reports from it, and a small JSON API (state, reset, SD card).
/// </summary>
public sealed class SimServer : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SimBoard _board;
    private readonly WebApplication _web;

    public SimServer(SimBoard board, int port)
    {
        _board = board;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        _web = builder.Build();
        _web.UseWebSockets();
        Map();
    }

    public string Url => _web.Urls.First().TrimEnd('/') + "/";

    public async Task StartAsync() => await _web.StartAsync();

    public async ValueTask DisposeAsync() => await _web.DisposeAsync();

    /// <summary>What the page and the tests read: the LCD's screen as data, LED, console, card.</summary>
    public object State() => _board.Read((app, model) =>
    {
        ScreenView view = app.View;
        var labels = Enumerable.Range(0, view.LabelCount).Select(i => view.GetLabel(i).Text).ToArray();
        var buttons = Enumerable.Range(0, view.ButtonCount).Select(i => view.GetButton(i))
            .Select(b => new { id = b.Id, label = b.Label, x = b.Area.X, y = b.Area.Y, w = b.Area.Width, h = b.Area.Height }).ToArray();
        var boxes = (view.Boxes ?? []).Select(b => new
        {
            mark = b.Mark.ToString(), digit = b.Digit, x = b.Area.X, y = b.Area.Y, w = b.Area.Width, h = b.Area.Height,
        }).ToArray();
        return new
        {
            board = _board.Profile.Name,
            description = _board.Profile.Description,
            width = _board.Profile.Width,
            height = _board.Profile.Height,
            touchRateHz = _board.Profile.TouchRateHz,
            boots = _board.Boots,
            unlocked = _board.LockOutput.IsUnlocked,
            mode = app.Mode.ToString(),
            title = view.Title,
            status = view.Status,
            labels,
            buttons,
            boxes,
            model = model == null ? null : new { version = model.Version, bytes = model.Size, note = model.Note },
            cardPresent = _board.Card.IsPresent,
            card = _board.Card.AllFiles().Select(f => new { path = f.Path, bytes = f.Bytes }).ToArray(),
            serial = _board.Serial.Snapshot().TakeLast(200).ToArray(),
            pushPort = _board.PushPort,
        };
    });

    private void Map()
    {
        _web.MapGet("/", () => Results.Content(Page(), "text/html; charset=utf-8"));
        _web.MapGet("/api/state", () => Results.Json(State(), Json));
        _web.MapGet("/api/frame.rgb565", () => Results.Bytes(_board.FrameBytes(out _), "application/octet-stream"));
        _web.MapPost("/api/reset", () =>
        {
            _board.Restart();
            return Results.Json(new { boots = _board.Boots }, Json);
        });
        _web.MapPost("/api/card", (bool present) =>
        {
            _board.SetCardPresent(present);
            return Results.Json(new { cardPresent = present }, Json);
        });
        _web.MapGet("/api/card/file", (string path) =>
        {
            var file = _board.Card.AllFiles().FirstOrDefault(f => f.Path == path);
            return file.Path == null
                ? Results.NotFound(path + ": no such file on the card")
                : Results.Bytes(File.ReadAllBytes(Path.Combine(_board.Card.Root, file.Path)), "application/octet-stream", Path.GetFileName(path));
        });
        _web.Map("/ws", async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = 400;
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await Serve(socket, context.RequestAborted);
        });
    }

    /// <summary>Sends a frame when the firmware flushed, the state when it changed; reads pointer reports.</summary>
    private async Task Serve(WebSocket socket, CancellationToken aborted)
    {
        var receive = Task.Run(() => ReceivePointer(socket, aborted));
        long sentFrame = -1;
        string sentState = "";
        try
        {
            while (socket.State == WebSocketState.Open && !receive.IsCompleted)
            {
                // State first: it tells the page the panel size the frame needs.
                var state = JsonSerializer.Serialize(State(), Json);
                if (state != sentState)
                {
                    sentState = state;
                    await socket.SendAsync(Encoding.UTF8.GetBytes(state), WebSocketMessageType.Text, true, aborted);
                }

                if (_board.Display.FrameNumber != sentFrame)
                {
                    var frame = _board.FrameBytes(out sentFrame);
                    await socket.SendAsync(frame, WebSocketMessageType.Binary, true, aborted);
                }

                await Task.Delay(33, aborted);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
    }

    /// <summary>Messages "d x y", "m x y", "u x y" in LCD pixels, from the page's pointer events.</summary>
    private async Task ReceivePointer(WebSocket socket, CancellationToken aborted)
    {
        var buffer = new byte[256];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, aborted);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                var parts = Encoding.ASCII.GetString(buffer, 0, result.Count).Split(' ');
                if (parts.Length != 3 || !int.TryParse(parts[1], out var x) || !int.TryParse(parts[2], out var y))
                {
                    continue;
                }

                switch (parts[0])
                {
                    case "d":
                        _board.Touch.PointerDown(x, y);
                        break;
                    case "m":
                        _board.Touch.PointerMove(x, y);
                        break;
                    case "u":
                        _board.Touch.PointerUp(x, y);
                        break;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
    }

    private static string Page()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("sim.html")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

using Microsoft.Playwright;

namespace Relay.Testing;

/// <summary>
/// Debian's Chromium (package 'chromium', installed by .ci/run), driven by Playwright's own Node driver, which ships
/// inside the Microsoft.Playwright package (no 'playwright install', no download). A fresh profile every time.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] s_arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;
    private readonly TempDirectory _profile;

    private HeadlessChromium(IPlaywright playwright, TempDirectory profile, IBrowserContext context, IPage page)
    {
        _playwright = playwright;
        _profile = profile;
        Context = context;
        Page = page;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public static async Task<HeadlessChromium> LaunchAsync(Uri origin)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing: install Debian's 'chromium' package (as .ci/run does).");
        }

        var playwright = await Playwright.CreateAsync();
        var profile = new TempDirectory();
        try
        {
            var context = await playwright.Chromium.LaunchPersistentContextAsync(profile.Path, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = s_arguments,
                ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
                Locale = "fr-FR",
                TimezoneId = "Europe/Paris",
                Timeout = (float)Bounded.Timeout.TotalMilliseconds,
            });
            await context.GrantPermissionsAsync(["notifications"], new BrowserContextGrantPermissionsOptions { Origin = origin.GetLeftPart(UriPartial.Authority) });
            context.SetDefaultTimeout((float)Bounded.Timeout.TotalMilliseconds);
            var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
            return new HeadlessChromium(playwright, profile, context, page);
        }
        catch
        {
            playwright.Dispose();
            profile.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        _profile.Dispose();
    }
}

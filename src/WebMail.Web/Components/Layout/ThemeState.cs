using WebMail.Web.Data;

namespace WebMail.Web.Components.Layout;

/// <summary>
/// This tab's theme (one per circuit): the user's Theme setting and what the device prefers
/// (<c>prefers-color-scheme</c>). <see cref="ThemeSync"/> keeps it current; components that draw differently in the
/// dark (the message frame's "View in light") read <see cref="IsDark"/> and listen to <see cref="Changed"/>.
/// </summary>
public sealed class ThemeState
{
    public ThemeChoice Choice { get; private set; } = ThemeChoice.System;

    public bool SystemPrefersDark { get; private set; }

    /// <summary>Whether the page is dark now.</summary>
    public bool IsDark => Choice == ThemeChoice.Dark || (Choice == ThemeChoice.System && SystemPrefersDark);

    /// <summary>Raised (on the circuit) when the choice or the device's preference changed.</summary>
    public event Action? Changed;

    public void Update(ThemeChoice choice, bool systemPrefersDark)
    {
        if (choice == Choice && systemPrefersDark == SystemPrefersDark)
        {
            return;
        }

        (Choice, SystemPrefersDark) = (choice, systemPrefersDark);
        Changed?.Invoke();
    }

    /// <summary>The value of <c>&lt;html data-theme&gt;</c> for a choice (theme.css reads it).</summary>
    public static string AttributeFor(ThemeChoice choice) => choice switch
    {
        ThemeChoice.Light => "light",
        ThemeChoice.Dark => "dark",
        _ => "system",
    };

    /// <summary>The choice after <paramref name="choice"/> in the top bar's toggle: System → Light → Dark → System.</summary>
    public static ThemeChoice Next(ThemeChoice choice) => choice switch
    {
        ThemeChoice.System => ThemeChoice.Light,
        ThemeChoice.Light => ThemeChoice.Dark,
        _ => ThemeChoice.System,
    };
}

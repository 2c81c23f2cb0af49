using Microsoft.AspNetCore.Components.Forms;

namespace Dashboard.Web.Tests.Components.Layout;

/// <summary>
/// The anti-forgery token the server hands a page. bUnit registers no <see cref="AntiforgeryStateProvider"/>, and without one
/// &lt;AntiforgeryToken /&gt; renders nothing; with this one it renders the hidden field a real request would carry.
/// </summary>
internal sealed class TestAntiforgery : AntiforgeryStateProvider
{
    public const string FieldName = "__RequestVerificationToken";

    public const string Token = "test-antiforgery-token";

    public override AntiforgeryRequestToken? GetAntiforgeryToken() => new(Token, FieldName);
}

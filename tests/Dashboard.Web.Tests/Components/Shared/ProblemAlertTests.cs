using Dashboard.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Tests.Components.Shared;

public sealed class ProblemAlertTests : DashboardTestContext
{
    [Fact]
    public void Render_CodeAndCorrelationId_ShowsBothNextToTheMessage()
    {
        var cut = Render<ProblemAlert>(parameters => parameters
            .Add(p => p.Problem, new Problem(ProblemKind.Refused, "Partner Center said no.", "800048", "5b2e9c1a"))
            .Add(p => p.Id, "some-problem"));

        var alert = cut.Find("#some-problem");
        alert.TextPieces().ShouldBe(["Partner Center said no.", "Partner Center code", "800048", ".", "Correlation id", "5b2e9c1a"]);
        alert.QuerySelector("[data-testid='problem-code']")!.TextContent.ShouldBe("800048");
        alert.QuerySelector("[data-testid='problem-correlation-id']")!.TextContent.ShouldBe("5b2e9c1a");
    }

    [Fact]
    public void Render_RequestIdAndDetails_ShowsThemForSupport()
    {
        var cut = Render<ProblemAlert>(parameters => parameters
            .Add(p => p.Problem, new Problem(ProblemKind.OutcomeUnknown, "No answer.", null, "5b2e9c1a", "9d8c7b6a", ["https://go.microsoft.com/fwlink/?linkid=2135151"]))
            .Add(p => p.Id, "some-problem"));

        var alert = cut.Find("#some-problem");
        alert.QuerySelector("[data-testid='problem-request-id']")!.TextContent.ShouldBe("9d8c7b6a");
        alert.QuerySelectorAll("[data-testid='problem-details'] li").Select(li => li.TextContent).ShouldBe(["https://go.microsoft.com/fwlink/?linkid=2135151"]);
    }

    [Fact]
    public void Render_NeitherCodeNorCorrelationId_ShowsOnlyTheMessage()
    {
        var cut = Render<ProblemAlert>(parameters => parameters
            .Add(p => p.Problem, new Problem(ProblemKind.InvalidInput, "'x' is not an order id.")));

        cut.Find(".mud-alert").TextPieces().ShouldBe(["'x' is not an order id."]);
    }

    [Fact]
    public void Render_WithoutOnRetry_HasNoRetryButton()
    {
        var cut = Render<ProblemAlert>(parameters => parameters
            .Add(p => p.Problem, new Problem(ProblemKind.Refused, "Partner Center said no.")));

        cut.FindAll("button").ShouldBeEmpty();
    }

    [Fact]
    public void Retry_Click_InvokesOnRetry()
    {
        var retries = 0;
        var cut = Render<ProblemAlert>(parameters => parameters
            .Add(p => p.Problem, new Problem(ProblemKind.Unavailable, "Partner Center did not answer."))
            .Add(p => p.OnRetry, EventCallback.Factory.Create(this, () => retries++)));

        cut.Find("button").Click();

        retries.ShouldBe(1);
    }

    [Theory]
    [InlineData(ProblemKind.InvalidInput, "mud-alert-text-warning")]
    [InlineData(ProblemKind.NotFound, "mud-alert-text-warning")]
    [InlineData(ProblemKind.Throttled, "mud-alert-text-warning")]
    [InlineData(ProblemKind.Refused, "mud-alert-text-error")]
    [InlineData(ProblemKind.Unavailable, "mud-alert-text-error")]
    [InlineData(ProblemKind.OutcomeUnknown, "mud-alert-text-error")]
    public void Render_ProblemKind_SetsSeverity(ProblemKind kind, string expectedClass)
    {
        var cut = Render<ProblemAlert>(parameters => parameters.Add(p => p.Problem, new Problem(kind, "Something happened.")));

        cut.Find(".mud-alert").ClassList.ShouldContain(expectedClass);
    }
}

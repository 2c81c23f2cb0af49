using Dashboard.Web.Components.Shared;

namespace Dashboard.Web.Tests.Components.Shared;

public sealed class OutcomeExtensionsTests
{
    [Fact]
    public async Task OrUnavailable_PartnerCenterUnavailable_ReturnsUnavailableProblemWithMessageAndCorrelationId()
    {
        var call = Task.FromException<Outcome<Customer>>(new PartnerCenterUnavailableException("Partner Center did not answer in time.", "0f9e8d7c"));

        var outcome = await call.OrUnavailable();

        outcome.Succeeded.ShouldBeFalse();
        outcome.Problem.ShouldBe(new Problem(ProblemKind.Unavailable, "Partner Center did not answer in time.", null, "0f9e8d7c"));
    }

    [Fact]
    public async Task OrUnavailable_Success_ReturnsTheValue()
    {
        var outcome = await Task.FromResult(Outcome<Customer>.Success(Sandbox.Contoso)).OrUnavailable();

        outcome.Value.ShouldBe(Sandbox.Contoso);
    }

    [Fact]
    public async Task OrUnavailable_Problem_ReturnsTheSameProblem()
    {
        var problem = new Problem(ProblemKind.NotFound, "The customer was not found.", "600039", "c1d2e3f4");

        var outcome = await Task.FromResult(Outcome<Customer>.Failure(problem)).OrUnavailable();

        outcome.Problem.ShouldBeSameAs(problem);
    }

    [Fact]
    public async Task OrUnavailable_Cancelled_ReturnsUnavailableProblem()
    {
        var outcome = await Task.FromCanceled<Outcome<Customer>>(new CancellationToken(canceled: true)).OrUnavailable();

        outcome.Problem.ShouldNotBeNull().Kind.ShouldBe(ProblemKind.Unavailable);
    }
}

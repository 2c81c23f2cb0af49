using System.Text.Json;
using Dashboard.PartnerCenter.Dtos;
using Dashboard.Testing;

namespace Dashboard.PartnerCenter.Tests.Dtos;

/// <summary>
/// Every error body Partner Center has published reads into <see cref="ErrorDto"/>: the usual
/// <c>{code, description, data, source}</c> and the throttling <c>{statusCode, message}</c>. The fixtures are our own
/// bodies shaped after the published ones (<c>Fixtures/Errors/README.md</c>).
/// </summary>
public sealed class PublishedErrorShapesTests
{
    [Fact]
    public void Deserialize_LikeMsdocs17ThrottlingBody_ReadsStatusCodeAndMessage()
    {
        var error = Read("order-like-msdocs-17.json");

        error.StatusCode.ShouldBe(429);
        error.Message.ShouldBe("Rate limit is exceeded. Try again in 23 seconds.");
        error.Code.ShouldBeNull();
        error.Description.ShouldBeNull();
    }

    [Fact]
    public void Deserialize_LikeMsdocs21ErrorWithData_ReadsCodeDescriptionDataAndSource()
    {
        var error = Read("order-like-msdocs-21.json");

        error.Code.ShouldNotBeNull().GetInt32().ShouldBe(2200);
        error.Description.ShouldBe(
            "MPN Id 7654321 is not yet migrated to Partner Center. Ask the reseller to migrate it before placing this order.");
        error.Data.ShouldNotBeNull().EnumerateArray().Select(d => d.GetString())
            .ShouldBe(["https://partner.microsoft.com/resources/detail/reseller-migration-guide"]);
        error.Source.ShouldBe("PartnerFD");
    }

    [Fact]
    public void Deserialize_LikeMsdocs22NotFound_ReadsCodeAndEmptyData()
    {
        var error = Read("order-like-msdocs-22.json");

        error.Code.ShouldNotBeNull().GetInt32().ShouldBe(3000);
        error.Description.ShouldBe("Partner Organization with partner_id 4242424 could not be found");
        error.Data.ShouldNotBeNull().GetArrayLength().ShouldBe(0);
        error.Source.ShouldBe("PartnerFD");
    }

    [Fact]
    public void Deserialize_LikeMsdocsfork26QuantityDecrease_ReadsTheSixDigitCode()
    {
        var error = Read("order-like-msdocsfork-26.json");

        error.Code.ShouldNotBeNull().GetInt32().ShouldBe(800090);
        error.Description.ShouldBe("The quantity of subscription 36480de2-bd5c-4366-b517-da60fb69e070 cannot be decreased.");
        error.StatusCode.ShouldBeNull();
        error.Message.ShouldBeNull();
    }

    [Fact]
    public void Deserialize_ErrorCodeAsString_KeepsTheString()
    {
        var error = JsonSerializer.Deserialize<ErrorDto>(
            """{"code": "800090", "description": "The quantity cannot be decreased.", "data": [], "source": "PartnerFD"}""",
            PartnerCenterJson.Options).ShouldNotBeNull();

        var code = error.Code.ShouldNotBeNull();
        code.ValueKind.ShouldBe(JsonValueKind.String);
        code.GetString().ShouldBe("800090");
    }

    private static ErrorDto Read(string name) =>
        JsonSerializer.Deserialize<ErrorDto>(PayloadFixtures.Read(Path.Combine("Errors", name)), PartnerCenterJson.Options).ShouldNotBeNull();
}

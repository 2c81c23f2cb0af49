namespace Dashboard.Emulator.Tests;

/// <summary>Ids of the demo seed that the tests rely on.</summary>
internal static class SeedIds
{
    public const string Contoso = "bd59b416-37f9-4d8f-8df3-5750111fc615";
    public const string SeedDocumentOrder = "UKXASSO1dezh3HdxClHxSp5UEFXGbAnt1";
    public const string ContosoReservedInstance = "9qg-ErcO-4MPbPqq_3MIQaS7bn8W6HfG1";
    public const string ContosoSaaS = "kyTs4y7jRu99MyeIudk6Q1G_aeUdT_tu1";
    public const string ContosoNewCommerce = "5cf72f146967";

    public const string Fabrikam = "3f1e7b2c-9a4d-4c8e-b7f1-2d6a9e0c5b13";
    public const string FabrikamSoftwareSubscription = "2y6dF_rVgDAXMxypQPPnTquuXhKVK_3N1";
    public const string FabrikamOldSoftware = "4teYMtWYEeKM77JftGLIQYMOZPTwyOEV1";
    public const string FabrikamPendingReservedInstance = "hT8bq0Zr3mWc5YxN1vKe7uPa_2sLdJgF1";

    public const string Northwind = "8a2c4e6f-1b3d-4f5a-9c7e-0d2f4a6b8c91";
    public const string NorthwindAzurePlan = "0f6a2b8e-4c1d-4e7f-9a3b-5c8d2e1f4a6b";
    public const string NorthwindNewCommerce = "a41c9e2d7b3f";
    public const string NorthwindCancelledReservedInstance = "Wm3Pq7Rt9Yv2Xs5Nb8Kd4Jf6Hg1La0ZeC1";

    public const string Woodgrove = "c7d9e1f3-5a7b-4c9d-8e1f-3a5b7c9d1e2f";
    public const string WoodgroveSoftware = "Qe2Rt4Yu6Io8Pa1Sd3Fg5Hj7Kl9Zx0Cv1";
    public const string WoodgroveOldSaaS = "Zx9Cv8Bn7Mq6Lw5Ke4Jr3Ht2Gy1Fu0Da1";

    /// <summary>A customer without orders.</summary>
    public const string Adatum = "e4f6a8b0-2c4e-4a6c-8e0a-4c6e8a0c2e4a";

    public const string UnknownCustomer = "00000000-1111-2222-3333-444444444444";
}

using System.Diagnostics.CodeAnalysis;

[assembly: SuppressMessage("Naming", "CA1716:Identifiers should not match keywords",
    Justification = "Test namespaces mirror src/Dashboard.Web/Components/Shared; nothing consumes them from Visual Basic.",
    Scope = "namespace", Target = "~N:Dashboard.Web.Tests.Components.Shared")]

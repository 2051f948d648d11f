using System.Reflection;
using Xunit.Sdk;

namespace Amtsweg.Testing;

/// <summary>
/// Runs a theory once per database provider of <see cref="TestDatabases.Providers"/> (SQLite, and PostgreSQL when
/// enabled); the theory takes the <see cref="Amtsweg.Data.Providers.DatabaseProvider"/> as its only parameter.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class AllProvidersAttribute : DataAttribute
{
    /// <inheritdoc />
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => TestDatabases.Providers;
}

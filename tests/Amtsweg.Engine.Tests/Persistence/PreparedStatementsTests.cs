using Amtsweg.Data;
using Npgsql;

namespace Amtsweg.Engine.Tests.Persistence;

public sealed class PreparedStatementsTests
{
    [Fact]
    public void WithPreparedStatements_TurnsOnAutomaticPreparation_WhenConnectionStringDoesNotMentionIt()
    {
        var result = new NpgsqlConnectionStringBuilder(DataServiceCollectionExtensions.WithPreparedStatements("Host=db;Database=amtsweg;Username=amtsweg_app"));

        Assert.Equal(64, result.MaxAutoPrepare);
        Assert.Equal(2, result.AutoPrepareMinUsages);
        Assert.Equal("db", result.Host);
        Assert.Equal("amtsweg_app", result.Username);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0")]
    [InlineData("Host=db;maxautoprepare=10")]
    public void WithPreparedStatements_KeepsTheOperatorsSetting_WhenConnectionStringSetsIt(string connectionString)
    {
        Assert.Equal(connectionString, DataServiceCollectionExtensions.WithPreparedStatements(connectionString));
    }
}

namespace MediaEdge.IntegrationTests.Images;

/// <summary>Rows of a theory made from lists of values, for tables that ask every question of every file.</summary>
internal static class TheoryRows
{
    /// <summary>A row for each value of <paramref name="firsts"/> with each of <paramref name="seconds"/>, in that order.</summary>
    public static TheoryData<string, string> Crossed(IEnumerable<string> firsts, IReadOnlyList<string> seconds)
    {
        var data = new TheoryData<string, string>();
        foreach (var first in firsts)
        {
            foreach (var second in seconds)
            {
                data.Add(first, second);
            }
        }

        return data;
    }
}

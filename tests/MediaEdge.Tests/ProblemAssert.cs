using MediaEdge.Requests;

namespace MediaEdge.Tests;

/// <summary>Asserts the problem a user would get back: its status and what it names.</summary>
internal static class ProblemAssert
{
    public static ProblemException Status(int status, Action act)
    {
        var problem = Assert.Throws<ProblemException>(act);
        Assert.Equal(status, problem.Status);
        return problem;
    }

    public static async Task<ProblemException> StatusAsync(int status, Func<Task> act)
    {
        var problem = await Assert.ThrowsAsync<ProblemException>(act);
        Assert.Equal(status, problem.Status);
        return problem;
    }

    public static ProblemException BadParameter(string parameter, Action act)
    {
        var problem = Status(400, act);
        Assert.Equal("bad-parameter", problem.Type);
        Assert.Equal(parameter, problem.Extensions["parameter"]);
        return problem;
    }

    public static ProblemException Limit(int status, string limit, Action act)
    {
        var problem = Status(status, act);
        Assert.Equal(limit, problem.Extensions["limit"]);
        return problem;
    }
}

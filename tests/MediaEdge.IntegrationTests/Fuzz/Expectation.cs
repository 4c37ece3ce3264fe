namespace MediaEdge.IntegrationTests.Fuzz;

/// <summary>What a generated request must get back.</summary>
public enum Expectation
{
    /// <summary>200 with an image (or JSON for fm=json) whose bytes match its Content-Type; of <see cref="FuzzRequest.Size"/> where known.</summary>
    Image,

    /// <summary>400 problem naming <see cref="FuzzRequest.Parameter"/>.</summary>
    BadParameter,

    /// <summary>A 4xx problem, of <see cref="FuzzRequest.Statuses"/> where given.</summary>
    Problem,

    /// <summary>The original on /o/: 200 whole, 206 with exactly <see cref="FuzzRequest.Ranges"/>, or 416 where none is satisfiable.</summary>
    Original,

    /// <summary>Either 200 with an image or a 4xx problem: input whose meaning the generator does not model.</summary>
    ImageOrProblem,

    /// <summary>A 4xx that Kestrel may answer itself, before the application (so without a problem body): 400, 414, 431.</summary>
    Refused,
}

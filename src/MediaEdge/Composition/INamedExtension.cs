namespace MediaEdge.Composition;

/// <summary>An extension chosen by name in configuration: an imaging engine, an origin kind, a URL dialect.</summary>
public interface INamedExtension
{
    /// <summary>The name configuration gives it (<c>Imaging:Engine</c>, <c>Sources:*:Kind</c>), compared ordinally.</summary>
    string Name { get; }
}

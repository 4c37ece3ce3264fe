namespace MediaEdge.Negotiation;

/// <summary>A spec and the request headers it was chosen from, which a response must list in <c>Vary</c>.</summary>
public sealed record NegotiatedSpec(TransformSpec Spec, IReadOnlyList<string> Vary);

using System.IO.Compression;
using System.Xml;

namespace Costs.CostReports.Workbook;

/// <summary>
/// Writes an Open Packaging Conventions zip straight to a stream, one part after the other, with the content
/// types and relationships written at the end. System.IO.Packaging (under the Open XML SDK) keeps every part of
/// a package it creates in memory until it closes, and the SDK refuses a write-only package; writing the zip
/// here keeps memory flat for a Data sheet of any size, and works on streams that cannot seek.
/// </summary>
internal sealed class PackageWriter : IPackageParts, IDisposable
{
    public const string RelationshipBase = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

    private const string ContentTypesNamespace = "http://schemas.openxmlformats.org/package/2006/content-types";
    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships";

    private readonly ZipArchive _zip;
    private readonly List<(string Part, string ContentType)> _parts = [];
    private readonly Dictionary<string, List<(string Id, string Type, string Target)>> _relationships = new(StringComparer.Ordinal);
    private bool _disposed;

    public PackageWriter(Stream output)
    {
        _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
    }

    /// <summary>
    /// Opens part <paramref name="partName"/> (e.g. <c>/xl/workbook.xml</c>) for writing. Dispose the stream
    /// before opening the next part. A big part (the Data sheet) is worth <see cref="CompressionLevel.Fastest"/>:
    /// deflating its XML at the default level was most of the time a workbook of 200,000 rows took to write, and
    /// the fastest level gives a file about a third larger.
    /// </summary>
    public Stream Part(string partName, string contentType, CompressionLevel compression = CompressionLevel.Optimal)
    {
        if (!partName.StartsWith('/')) throw new ArgumentException($"Part name '{partName}' must start with '/'.", nameof(partName));
        _parts.Add((partName, contentType));
        return _zip.CreateEntry(partName[1..], compression).Open();
    }

    /// <summary>
    /// Parts to be written beside a part this writer is streaming, on another thread: each is kept in memory
    /// until <see cref="Add"/> writes it into the zip. Their relationships are this package's, in the order they
    /// are made; only one thread may make relationships at a time.
    /// </summary>
    public HeldParts Hold() => new(this);

    /// <summary>Writes the parts <paramref name="held"/> kept, in the order they were opened.</summary>
    public void Add(HeldParts held)
    {
        ArgumentNullException.ThrowIfNull(held);
        foreach (var (partName, contentType, compression, content) in held.Parts)
        {
            using var stream = Part(partName, contentType, compression);
            stream.Write(content.ToArray()); // the writer closed it; a closed MemoryStream still gives its bytes
        }
    }

    /// <summary>
    /// Relates <paramref name="sourcePart"/> ("/" for the package) to <paramref name="target"/>, given relative
    /// to the source's folder; returns the relationship id.
    /// </summary>
    public string Relate(string sourcePart, string type, string target)
    {
        if (!_relationships.TryGetValue(sourcePart, out var list)) _relationships[sourcePart] = list = [];
        var id = "rId" + (list.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        list.Add((id, RelationshipBase + type, target));
        return id;
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var (source, list) in _relationships) WriteRelationships(source, list);
        WriteContentTypes();
        _zip.Dispose();
    }

    private void WriteRelationships(string source, List<(string Id, string Type, string Target)> list)
    {
        var slash = source.LastIndexOf('/');
        var name = source == "/" ? "_rels/.rels" : $"{source[1..(slash + 1)]}_rels/{source[(slash + 1)..]}.rels";
        using var stream = _zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        using var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false) });
        xml.WriteStartDocument(standalone: true);
        xml.WriteStartElement("Relationships", RelationshipsNamespace);
        foreach (var (id, type, target) in list)
        {
            xml.WriteStartElement("Relationship", RelationshipsNamespace);
            xml.WriteAttributeString("Id", id);
            xml.WriteAttributeString("Type", type);
            xml.WriteAttributeString("Target", target);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    private void WriteContentTypes()
    {
        using var stream = _zip.CreateEntry("[Content_Types].xml", CompressionLevel.Optimal).Open();
        using var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false) });
        xml.WriteStartDocument(standalone: true);
        xml.WriteStartElement("Types", ContentTypesNamespace);
        Default(xml, "rels", "application/vnd.openxmlformats-package.relationships+xml");
        Default(xml, "xml", "application/xml");
        foreach (var (part, contentType) in _parts)
        {
            xml.WriteStartElement("Override", ContentTypesNamespace);
            xml.WriteAttributeString("PartName", part);
            xml.WriteAttributeString("ContentType", contentType);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }

    private static void Default(XmlWriter xml, string extension, string contentType)
    {
        xml.WriteStartElement("Default", ContentTypesNamespace);
        xml.WriteAttributeString("Extension", extension);
        xml.WriteAttributeString("ContentType", contentType);
        xml.WriteEndElement();
    }
}

/// <summary>Where a workbook's parts and relationships go: the package, or parts held in memory for it.</summary>
internal interface IPackageParts
{
    /// <summary>Opens part <paramref name="partName"/> for writing; dispose the stream before opening the next part.</summary>
    Stream Part(string partName, string contentType, CompressionLevel compression = CompressionLevel.Optimal);

    /// <summary>Relates <paramref name="sourcePart"/> to <paramref name="target"/>; returns the relationship id.</summary>
    string Relate(string sourcePart, string type, string target);
}

/// <summary>Parts kept in memory for a <see cref="PackageWriter"/> (<see cref="PackageWriter.Hold"/>).</summary>
internal sealed class HeldParts(PackageWriter package) : IPackageParts
{
    private readonly List<(string, string, CompressionLevel, MemoryStream)> _parts = [];

    internal IReadOnlyList<(string PartName, string ContentType, CompressionLevel Compression, MemoryStream Content)> Parts => _parts;

    public Stream Part(string partName, string contentType, CompressionLevel compression = CompressionLevel.Optimal)
    {
        if (!partName.StartsWith('/')) throw new ArgumentException($"Part name '{partName}' must start with '/'.", nameof(partName));
        var content = new MemoryStream();
        _parts.Add((partName, contentType, compression, content));
        return content;
    }

    public string Relate(string sourcePart, string type, string target) => package.Relate(sourcePart, type, target);
}

using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Amtsweg.Server.Features.Library.Bibliothek;

/// <summary>
/// The staff documentation of a package (<c>doku/*.md</c>) as HTML for the package page. A package comes from another
/// municipality or installation, so nothing of it may run in a designer's session: raw HTML is written as text, links keep
/// only <c>https:</c>, <c>http:</c> and <c>mailto:</c> targets (anything else becomes plain text), and images are shown
/// as their description, because the page loads nothing from elsewhere.
/// </summary>
public static class PackageDocumentation
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .Build();

    /// <summary>The HTML of <paramref name="markdown"/>, safe to write into a page.</summary>
    public static string ToHtml(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (link.IsImage || !IsSafe(link.Url))
            {
                Unwrap(link);
            }
        }

        foreach (var link in document.Descendants<AutolinkInline>().ToList())
        {
            if (!IsSafe(link.Url))
            {
                link.ReplaceBy(new LiteralInline(link.Url));
            }
        }

        // Headings of a package start at level 1; on the page they sit below the page's own heading and section title.
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            heading.Level = Math.Min(6, heading.Level + 2);
        }

        return document.ToHtml(Pipeline);
    }

    private static bool IsSafe(string? url) =>
        url is not null && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeMailto);

    // The link's text (an image's description) stays where the link was.
    private static void Unwrap(LinkInline link)
    {
        var children = link.ToList();
        Inline? previous = link;
        foreach (var child in children)
        {
            child.Remove();
            previous.InsertAfter(child);
            previous = child;
        }

        link.Remove();
    }
}

using System.Text;
using MimeKit;
using MimeKit.Text;

namespace Amtsweg.Records.Intake;

/// <summary>An attachment of an e-mail, to become an item of its own.</summary>
internal sealed record EmailAttachment(string FileName, MimePart Part);

/// <summary>
/// E-mails (.eml) with MimeKit: the body becomes the text of the e-mail's own item (with sender, recipients, date
/// and subject), each attachment an item of its own. The parser keeps parts on disk (persistent), so attachments are
/// streamed from the file, not held in memory.
/// </summary>
internal static class EmailIntake
{
    public static Task<MimeMessage> LoadAsync(Stream file, CancellationToken cancellationToken) =>
        MimeMessage.LoadAsync(new ParserOptions(), file, persistent: true, cancellationToken);

    public static List<EmailAttachment> Attachments(MimeMessage message)
    {
        var index = 0;
        var attachments = new List<EmailAttachment>();
        foreach (var part in message.BodyParts.OfType<MimePart>())
        {
            if (part.IsAttachment || part.FileName is not null)
            {
                index++;
                attachments.Add(new EmailAttachment(part.FileName ?? $"anhang-{index}", part));
            }
        }

        return attachments;
    }

    public static string Addresses(InternetAddressList list) => string.Join(", ", list.Mailboxes.Select(m => m.ToString()));

    /// <summary>The body as text: the plain part, else the HTML part converted; with the header lines a reader needs.</summary>
    public static string BodyText(MimeMessage message)
    {
        var body = message.TextBody;
        if (body is null && message.HtmlBody is { } html)
        {
            body = HtmlText(html);
        }

        var text = new StringBuilder();
        text.Append("Von: ").AppendLine(Addresses(message.From));
        text.Append("An: ").AppendLine(Addresses(message.To));
        if (message.Cc.Count > 0)
        {
            text.Append("Cc: ").AppendLine(Addresses(message.Cc));
        }

        text.Append("Datum: ").AppendLine(message.Date == DateTimeOffset.MinValue ? "–" : message.Date.ToString("dd.MM.yyyy HH:mm zzz", System.Globalization.CultureInfo.InvariantCulture));
        text.Append("Betreff: ").AppendLine(message.Subject ?? "");
        text.AppendLine().Append(body ?? "");
        return text.Length > DocumentText.MaxChars ? text.ToString(0, DocumentText.MaxChars) : text.ToString();
    }

    // The visible text of an HTML body: text tokens outside script and style, a line break at block elements.
    private static string HtmlText(string html)
    {
        var text = new StringBuilder();
        var tokenizer = new HtmlTokenizer(new StringReader(html));
        var hidden = 0;
        while (tokenizer.ReadNextToken(out var token) && text.Length < DocumentText.MaxChars)
        {
            switch (token)
            {
                case HtmlTagToken tag when tag.Id is HtmlTagId.Script or HtmlTagId.Style:
                    hidden += tag.IsEndTag ? -1 : tag.IsEmptyElement ? 0 : 1;
                    break;
                case HtmlTagToken tag when tag.Id is HtmlTagId.P or HtmlTagId.Br or HtmlTagId.Div or HtmlTagId.TR or HtmlTagId.LI or HtmlTagId.H1 or HtmlTagId.H2 or HtmlTagId.H3:
                    text.Append('\n');
                    break;
                case HtmlDataToken data when hidden <= 0:
                    text.Append(data.Data);
                    break;
            }
        }

        return text.ToString();
    }
}

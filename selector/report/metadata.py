"""What the PDF says about itself: title, author, subject, language, and the same as XMP.

Document managers, search and screen readers read the document information and the XMP
metadata stream, not the pages. Every value is made visible (control and bidi characters as
tokens), kept to one line, and cut at METADATA_CHARACTERS: a megabyte-long project name must
not become a megabyte-long window title.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from xml.sax.saxutils import escape

from selector.domain.recommendation import Recommendation
from selector.report.document import utc
from selector.report.safe_text import visible

METADATA_CHARACTERS = 500
PRODUCER = "ReportLab PDF Library - (opensource)"  # what reportlab writes as /Producer
LANGUAGE = "en-GB"
"""The report's own words are British English ("organisation"); names keep their own script."""


def one_line(text: str) -> str:
    """`text` on one line, made visible, at most METADATA_CHARACTERS long (cut with "…").

    Only the start of the text is looked at, so the cost does not grow with its length.
    """
    value = " ".join(visible(text[: 4 * METADATA_CHARACTERS], newlines=False).split())
    if len(value) <= METADATA_CHARACTERS and len(text) <= 4 * METADATA_CHARACTERS:
        return value
    return value[: METADATA_CHARACTERS - 1] + "…"


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str
    keywords: str
    creator: str
    created: dt.datetime

    def info(self) -> dict[str, str]:
        """Keyword arguments for reportlab's document template (the Info dictionary)."""
        return {"title": self.title, "author": self.author, "subject": self.subject,
                "keywords": self.keywords, "creator": self.creator}

    def xmp(self) -> str:
        """The XMP packet (Dublin Core, XMP basic and PDF schemas) with the same values."""
        created = utc(self.created).strftime("%Y-%m-%dT%H:%M:%SZ")
        keywords = "".join(f"<rdf:li>{escape(k.strip())}</rdf:li>"
                           for k in self.keywords.split(",") if k.strip())
        return (
            '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
            '<rdf:Description rdf:about=""\n'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
            ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"\n'
            ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/">\n'
            '<dc:format>application/pdf</dc:format>\n'
            f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(self.title)}</rdf:li>'
            '</rdf:Alt></dc:title>\n'
            f'<dc:creator><rdf:Seq><rdf:li>{escape(self.author)}</rdf:li></rdf:Seq></dc:creator>\n'
            f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(self.subject)}'
            '</rdf:li></rdf:Alt></dc:description>\n'
            f'<dc:subject><rdf:Bag>{keywords}</rdf:Bag></dc:subject>\n'
            f'<dc:language><rdf:Bag><rdf:li>{LANGUAGE}</rdf:li></rdf:Bag></dc:language>\n'
            f'<xmp:CreateDate>{created}</xmp:CreateDate>\n'
            f'<xmp:ModifyDate>{created}</xmp:ModifyDate>\n'
            f'<xmp:MetadataDate>{created}</xmp:MetadataDate>\n'
            f'<xmp:CreatorTool>{escape(self.creator)}</xmp:CreatorTool>\n'
            f'<pdf:Keywords>{escape(self.keywords)}</pdf:Keywords>\n'
            f'<pdf:Producer>{PRODUCER}</pdf:Producer>\n'
            '</rdf:Description>\n'
            '</rdf:RDF>\n'
            '</x:xmpmeta>\n'
            '<?xpacket end="r"?>'
        )


def report_metadata(rec: Recommendation) -> Metadata:
    """The title names the organisation and the project, so a forwarded file says whose it is."""
    organisation = rec.organisation.strip()
    title = f"CRM recommendation for {organisation}: {rec.project_name}" if organisation else (
        f"CRM recommendation: {rec.project_name}")
    return Metadata(
        title=one_line(title),
        author=one_line(rec.prepared_by or rec.organisation or "CRM Selector"),
        subject=one_line(rec.headline),
        keywords="CRM, recommendation, vendor selection",
        creator=one_line(f"CRM Selector {rec.provenance.tool_version}"),
        created=rec.provenance.generated_at,
    )

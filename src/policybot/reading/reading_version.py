"""The version of how files are read, kept with what changed at each step."""

from __future__ import annotations

# What a file becomes (its text, its identity, its passages) depends on this code as well
# as on the file. Bump it when reading, the anatomy of an official document or chunking
# changes what an ingested file becomes: every file read by an older version is then read
# again on the next ingest (its unchanged passages keep their vectors), and `serve` sees
# the index as out of date until then. 2: the identity held in full (the "Số:" line and the
# issuer above the motto). 3: headings that are not the two-column layout (one-sentence
# headings, Án lệ, official letters' "V/v", a database record's property list), laws named
# by their name, the adoption date of a law, OCR'd "kế từ ngày ký". 4: a scan's own number
# from its file name when OCR could not read the digits (reading/official.py). 5: a scan's
# signer from the name line at the end of its nơi nhận list (reading/signature.py). 6: neither
# a draft's blank number nor a number the text cites taken from the file name; a recipient
# or an appendix's list is not a scan's signer. 7: a document's header passage names its own
# instrument even when the number there is illegible (index/chunk.py). 8: a passage that opens
# with a list item has the line that opens the list as its lead (index/chunk.lead_in). 9: the
# issuer named as the body writes that name ("Bộ Khoa học và Công nghệ", text/casing.py). 10: a
# passage cut inside a data table has the table's header row as its lead (text/table_rows.py).
# 11: a table's header row is looked for above its rows up to a blank line only. 12: a scan's
# symbol OCR misread matches its file name's by shape (text/file_numbers.py); a trích yếu ends
# at the body's first paragraph after a blank line (reading/trich_yeu.py). 13: a sentence the
# splitter cut off that opens in lower case goes on with the one before (text/segment.py).
# 14: a short numbered line with no colon ("4. Bộ Công an") is the lead of the lettered items
# under it (index/chunk.lead_in). 15: a scan whose signature block gave no name has the right
# column of its signing page read again for the signer (reading/pdf._column_signer). 16: a
# table that came one cell a line is written back as rows (reading/flat_tables.py). 17: a
# .doc table cell antiword wrapped onto a row of its own is joined (reading/word97.py). 18:
# no passage spans the nơi nhận and signature block when text follows it (index/chunk.py).
# 20: a Party document's issuer is the organ its signer signs for ("T/M BAN BÍ THƯ"), not
# the committee its header names (text/issuers.party_organ). 21: the year of issue of a
# document whose day under the motto cannot be read, from that line or its number
# (reading/anatomy.Anatomy.year_of_issue); a "Nơi nhận:" OCR misread ("Nơi nhữn:") still
# anchors a scan's signature block (reading/signature.py), and so does a type line with a
# mark misread ("CHÍ THỊ") open the trích yếu (reading/anatomy.py). 22: a PDF page's
# sentence broken by a blank line is joined (reading/page_text.rejoin_lines), and a
# thousands point OCR spaced is closed ("17. 000 tỷ", reading/ocr_text.tidy_ocr). 23: a
# digital signature stamp's time and line give no date or issuer (reading/anatomy.py). 24:
# review mends: a draft's dotted date line gives no year, "nãm" read as "năm", a portal's
# name is no issuer, a comma is not closed as a thousands point; "issued_year" metadata.
# 25: Bộ luật, Công điện, Quy chế, Sắc lệnh and Án lệ are types of the instruments a text
# names (text/symbols.INSTRUMENT_TYPES), so passages find them; a .doc table row that
# leaves most cells empty and goes on with the sentence above is that row's wrapped text.
READING_VERSION = 25

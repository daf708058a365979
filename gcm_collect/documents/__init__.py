"""Documents the review needs, written from the data without Qt: the State's review report,
the regional synthesis and the Migration Network Hub submission.

A document is first built as a plain model (``model``: headings, paragraphs, tables, notes) in
one language, then written by a writer per format (``docx``: Word, ``pdf``: PDF with embedded,
shaped fonts), so the two formats always say the same.
"""

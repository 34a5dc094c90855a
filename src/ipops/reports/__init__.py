"""Generated documents: the periodic 知识产权数据通报 (DOCX and PDF) and, later, navigation reports.

A report is built in two steps: a service turns indicator results into a plain `model.Bulletin`
(numbers and Chinese text only), and renderers turn that into DOCX or PDF. Renderers never query
the database, so they are tested on hand-made bulletins. May import analytics, store and domain.
"""

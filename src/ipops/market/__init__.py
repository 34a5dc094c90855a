"""Technology marketplace (运营交易): listings for transfer, licence and open licence with their rule
checks and workflow, technology needs with their classification, and the sleeping-patent inventory.
A concluded deal becomes a legal event, so the transfer/licence indicators count it. May import
search, analytics, valuation, ingest, refdata, store and domain (never finance or custody).
"""

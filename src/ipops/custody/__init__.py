"""Portfolio custody (专利托管): a firm's portfolio, its annual-fee calendar (rules in
`data/fees/`), reminders (inbox, ICS, XLSX), budget forecasts and legal-status alerts.
May import analytics, valuation, store and domain.
"""

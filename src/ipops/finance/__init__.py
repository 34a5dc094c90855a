"""Pledge finance (知识产权质押融资): project library, pre-registration checks, white lists, risk
monitoring of pledged patents and the risk-compensation pool. Registered pledges become legal
events, so the pledge indicators count them. May import analytics, valuation, store and domain.
"""

"""Accounts: organisations, users, roles, password hashing, the audit log.

Services layer; web and cli call it. Data isolation rules that other services need ("this
user's organisation") are answered here from the store, never from another service.
"""

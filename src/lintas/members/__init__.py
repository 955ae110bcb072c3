"""Members: bodies, their member units (a tree), people, memberships with roles, invitations and
personal API tokens. It owns who belongs where; it does not decide what they may see (policy.py
does) and holds no reporting or case data."""

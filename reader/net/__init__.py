"""The network: web addresses, downloads over HTTP, and which hosts a download may reach.

Used only when the user asks (``reader import URL``, ``reader feeds add``, ``reader update``).
"""

"""Following feeds: finding a page's feed, updating subscriptions, whole articles offline.

``update.update_feeds`` is the update run, callable from the command line or a thread
worker of the app; ``discover`` finds a site's feed; ``work`` is what runs in worker
processes (reading feeds, cleaning downloaded pages).
"""

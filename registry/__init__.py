"""Who comes and what they bring: two sibling apps, ``participants`` and ``offers``, that never import each other."""

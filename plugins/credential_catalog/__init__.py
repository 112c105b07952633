"""A catalog of educator micro-credentials: YAML in, validated model, MkDocs pages out."""

from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("credential_catalog")

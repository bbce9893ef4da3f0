"""Local stand-ins for outside services (SMS gateways) and test helpers around them."""

"""Sharing: a token-only share server on the venue LAN (server.ShareServer) and QR codes for its links, so
guests download their result on their phone without venue internet."""

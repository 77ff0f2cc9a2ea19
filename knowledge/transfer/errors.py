"""The one exception the transfer commands turn into a French error message."""


class TransferError(Exception):
    """Something the person running the command must fix; the message is French and final."""

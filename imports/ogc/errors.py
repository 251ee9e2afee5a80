"""An OGC API exception: the HTTP status, the exception code and a description for the client. Pure."""


class OgcError(Exception):
    def __init__(self, status, code, description):
        super().__init__(description)
        self.status, self.code, self.description = status, code, description

"""The client-side search index: analysis, weights, the encoder and the live index serve keeps."""

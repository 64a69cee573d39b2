"""Text → Document: normalisation, sentence splitting, tokens with offsets."""

"""Arabic statistical named-entity recognition: a CRF trained on ANERcorp.

Modules: ``arabic`` (normalisation, clitic stripping), ``corpus`` (CoNLL
reader, deterministic split), ``gazetteer`` (the compact ANERGazet word list),
``features`` (token features), ``evaluate`` (entity-level scores),
``train`` (training + threshold choice), ``tagger`` (run-time tagging).
"""

from . import coprod_evidence_pack

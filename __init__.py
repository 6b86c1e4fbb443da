from . import coprod_module

"""IPOps — 区域知识产权运营公共服务平台 (regional IP operations platform)."""
__version__ = "0.1.0"

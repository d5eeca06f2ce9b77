"""The explorer: crawl an app on any Device into a UI transition graph (``graph.jsonl``).

``crawl(device, out_dir, app=...)`` explores; ``load_graph(path)`` reads the graph back.
"""

from autodroid.explorer.crawler import crawl
from autodroid.explorer.settings import CrawlConfig, CrawlStats, default_app_name, state_identity
from autodroid.explorer.graph import Edge, Graph, State, load_graph

__all__ = ["CrawlConfig", "CrawlStats", "Edge", "Graph", "State", "crawl", "default_app_name", "load_graph",
           "state_identity"]

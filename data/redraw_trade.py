# Redraw the edition's trade chart (main view) from the downloaded data package: pandas and plotly only.
import pandas as pd
import plotly.graph_objects as go

rows = pd.read_csv("trade_us_annual.csv")
rows["dollars"] = rows["value"] * rows["unit"].map({"USD": 1, "thousand USD": 1000})
# Add European and Asiatic Russia to get each year's whole; a year without a figure stays empty.
years = rows.pivot_table(index="year", columns="flow", values="dollars", aggfunc="sum")
years = years.reindex(range(years.index.min(), years.index.max() + 1)) / 1e6
names = {"us_exports_to_ussr": "U.S. exports to Russia/USSR", "us_imports_from_ussr": "U.S. imports from Russia/USSR"}
fig = go.Figure([go.Scatter(x=years.index, y=years[flow], name=names[flow], mode="lines+markers")
                 for flow in names])
fig.update_layout(yaxis_title="million dollars a year", xaxis_title="calendar year")
fig.write_html("trade_chart.html")  # open this file in a browser

import plotly.express as px, streamlit as st; st.plotly_chart(px.line(x=[0, 1, 2], y=[0, 1, 4]))

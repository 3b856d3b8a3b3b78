import { Body1, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { CollaborativeResponse, PublishedResults } from '../../../src/contract/api-contract';
import { useCardStyles } from '../ui/card-styles';
import { FigureCard } from '../ui/figure-card';
import { rateText } from '../ui/figure-format';
import { AboutFigures } from './about-figures';

const useStyles = makeStyles({
  intro: { maxWidth: '52rem', margin: `0 0 ${tokens.spacingVerticalL}` },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(15rem, 1fr))', gap: tokens.spacingHorizontalL, marginBottom: tokens.spacingVerticalL },
  heading: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalL} 0 ${tokens.spacingVerticalS}` },
});

/**
 * The pulse at a glance: overall and between-group RC, the response rate, the communication
 * and relationship indices, and how the figures were made. Framed as a starting point for
 * a shared conversation, never as a verdict on a team.
 */
export function OverviewView({ collaborative, results }: { collaborative: CollaborativeResponse; results: PublishedResults }) {
  const styles = useStyles();
  const cardStyles = useCardStyles();
  const { figures, method, responseRates } = results;
  const k = method.k;
  const total = responseRates.total;
  const rate = total.rate !== null ? ` (${rateText(total.rate)})` : '';
  return (
    <>
      <Body1 as="p" className={styles.intro}>
        These figures describe how the groups experience working with each other on {collaborative.focalProcess}. They are about ties between groups, never
        about individuals: a starting point for a shared conversation about what to change together.
      </Body1>
      <div className={styles.grid}>
        <FigureCard title="Relational coordination" hint="All ties, including within groups" figure={figures.overall} k={k} figureId="overall" />
        <FigureCard title="Between groups" hint="Ties between different groups only" figure={figures.overallBetween} k={k} figureId="overallBetween" />
        <section className={cardStyles.card} aria-label="Response rate" data-figure="response-rate">
          <h3 className={cardStyles.title}>Response rate</h3>
          <Text size={800} weight="semibold" data-part="answered">
            {total.answered ?? figures.respondents} of {total.invited}
          </Text>
          <Text>{`people answered${rate}`}</Text>
        </section>
      </div>
      <h2 className={styles.heading}>Communication and relationships</h2>
      <div className={styles.grid}>
        <FigureCard title="Communication" hint="Frequent, timely, accurate and problem-solving communication" figure={figures.indices.communication} k={k} figureId="communication" size="medium" />
        <FigureCard title="Relationships" hint="Shared goals, shared knowledge and mutual respect" figure={figures.indices.relationship} k={k} figureId="relationship" size="medium" />
      </div>
      <AboutFigures results={results} />
    </>
  );
}

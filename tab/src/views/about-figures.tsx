import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, makeStyles, tokens } from '@fluentui/react-components';
import type { PublishedResults } from '../../../src/contract/api-contract';
import { dateText, twoDecimals } from '../ui/figure-format';

const useStyles = makeStyles({
  panel: { maxWidth: '52rem', paddingBottom: tokens.spacingVerticalM },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: 'grid', gap: tokens.spacingVerticalS },
  accordion: { marginTop: tokens.spacingVerticalL, border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
});

/**
 * "About these figures": reliability (Cronbach's alpha) and the method, in plain words, so
 * people can judge how far to lean on the figures before they discuss them.
 */
export function AboutFigures({ results }: { results: PublishedResults }) {
  const styles = useStyles();
  const { method, figures } = results;
  const { k, minItems, bands } = method;
  const alpha = figures.alpha;
  return (
    <Accordion collapsible className={styles.accordion}>
      <AccordionItem value="about">
        <AccordionHeader as="h2">About these figures</AccordionHeader>
        <AccordionPanel className={styles.panel} data-part="about">
          <ul className={styles.list}>
            <li data-figure="alpha">
              <strong>Reliability: </strong>
              {alpha.value !== null
                ? `Cronbach's alpha is ${twoDecimals(alpha.value)}, over ${alpha.rows} ratings of a group with all seven questions answered. 0.70 or more is usually taken as good internal consistency (published studies report 0.77 to 0.89).`
                : `Cronbach's alpha cannot be shown: it needs at least ${k} people and two complete ratings.`}
            </li>
            <li>
              <strong>What is measured: </strong>
              {`Each person rated each group on the seven dimensions of relational coordination (${method.instrument.name}), from 1 to 5. A person's rating of a group counts when they answered at least ${minItems} of the 7 questions about it. A tie from one group to another is the average over the people in the first group.`}
            </li>
            <li>
              <strong>Overall and between groups: </strong>
              Each person&apos;s average over the groups they rated, then the average over people. &quot;Between groups&quot; leaves out each person&apos;s own group.
            </li>
            <li>
              <strong>Bands: </strong>
              {`weak below ${twoDecimals(bands.moderate)}, moderate from ${twoDecimals(bands.moderate)} to below ${twoDecimals(bands.strong)}, strong from ${twoDecimals(bands.strong)}. This is a convention among practitioners, not a published standard; published hospital figures range from 3.86 to 4.22.`}
            </li>
            <li>
              <strong>Uncertainty: </strong>
              Every figure has a 95% interval (Student&apos;s t). Wide intervals mean few answers: treat those figures with care.
            </li>
            <li>
              <strong>Anonymity: </strong>
              {`No figure from fewer than ${k} people is shown, and a few more are held back where a hidden figure could otherwise be worked out by subtraction. Such figures read "fewer than ${k} responses". The figures were published once, when the pulse closed${results.publishedAt ? ` (${dateText(results.publishedAt)})` : ''}, and never change.`}
            </li>
            <li>
              <strong>Rounding: </strong>
              Figures are rounded to two decimals on screen only; the downloads keep full precision.
            </li>
          </ul>
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
